// Pre authentication that pauses some accounts, as AWS's example refuses sign-ins: throwing refuses the sign-in
// with the message, whatever the password.
export const handler = async (event) => {
  const email = event.request.userAttributes.email ?? '';
  if (email.endsWith('@paused.example')) {
    throw new Error('Sign-in is paused for this account');
  }
  return event;
};
