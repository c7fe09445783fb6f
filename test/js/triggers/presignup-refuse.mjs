// Pre sign-up that refuses a domain, as AWS's example does: throwing fails the sign-up with the message.
export const handler = async (event) => {
  const email = event.request.userAttributes.email ?? '';
  if (email.endsWith('@blocked.example')) {
    throw new Error('Registration from this domain is not allowed.');
  }
  return event;
};
