// Post authentication that refuses some accounts after the password was proven: throwing fails the sign-in and no
// tokens are returned.
export const handler = async (event) => {
  const email = event.request.userAttributes.email ?? '';
  if (email.endsWith('@paused.example')) {
    throw new Error('Account under review');
  }
  return event;
};
