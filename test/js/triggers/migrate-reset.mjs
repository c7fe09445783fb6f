// Migrate user that hands over the user but asks for a new password (the old hash could not be trusted).
export const handler = async (event) => {
  event.response.userAttributes = { email: `${event.userName}@example.com`, email_verified: 'true' };
  event.response.finalUserStatus = 'RESET_REQUIRED';
  event.response.messageAction = 'SUPPRESS';
  return event;
};
