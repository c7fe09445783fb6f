// Pre sign-up as AWS's example writes it: confirm users who sign up themselves, and verify the email they gave.
export const handler = async (event) => {
  if (event.triggerSource === 'PreSignUp_SignUp') {
    event.response.autoConfirmUser = true;
    if (Object.hasOwn(event.request.userAttributes, 'email')) {
      event.response.autoVerifyEmail = true;
    }
  }
  return event;
};
