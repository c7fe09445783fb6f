// Migrate user as AWS's example writes it: look the user up in the old directory, check the password on sign-in,
// and hand Cognito the attributes. The old directory here is a constant.
const legacy = {
  legacy: { password: 'Legacy#Pass123', email: 'legacy@example.com' },
  forgetful: { password: 'Forgot#Pass123', email: 'forgetful@example.com' },
  texter: { password: 'Texter#Pass123', email: 'texter@example.com', phone: '+81901234568' },
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
  if (found.phone) {
    // The old directory had SMS MFA on for this user.
    event.response.userAttributes.phone_number = found.phone;
    event.response.userAttributes.phone_number_verified = 'true';
    event.response.enableSMSMFA = true;
  }
  event.response.messageAction = 'SUPPRESS';
  return event;
};
