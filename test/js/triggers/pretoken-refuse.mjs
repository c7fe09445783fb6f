// Pre token generation that refuses: the sign-in fails with the message and no tokens.
export const handler = async () => {
  throw new Error('No tokens today');
};
