// Migrate user as AWS's example writes it: look the user up in the old directory, check the password on sign-in,
// and hand Cognito the attributes. The old directory here is a constant.
const legacy = {
  legacy: { password: 'Legacy#Pass123', email: 'legacy@example.com' },
  forgetful: { password: 'Forgot#Pass123', email: 'forgetful@example.com' },
};

export const handler = async (event) => {
  const found = legacy[event.userName];
  if (!found) {
    throw new Error('Bad user');
  }

  if (event.triggerSource === 'UserMigration_Authentication') {
    if (event.request.password !== found.password) {
      throw new Error('Bad password');
    }
    event.response.finalUserStatus = 'CONFIRMED';
  } else if (event.triggerSource === 'UserMigration_ForgotPassword') {
    event.response.finalUserStatus = 'RESET_REQUIRED';
  }

  event.response.userAttributes = { email: found.email, email_verified: 'true' };
  event.response.messageAction = 'SUPPRESS';
  return event;
};
