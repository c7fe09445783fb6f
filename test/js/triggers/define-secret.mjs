// Define auth challenge as AWS's examples write it: an optional SRP password check first, then one custom
// "secret answer" challenge with up to three attempts.
export const handler = async (event) => {
  const session = event.request.session;
  const last = session.at(-1);
  const customRounds = session.filter((s) => s.challengeName === 'CUSTOM_CHALLENGE').length;
  event.response.issueTokens = false;
  event.response.failAuthentication = false;
  if (session.length === 1 && last.challengeName === 'SRP_A') {
    event.response.challengeName = 'PASSWORD_VERIFIER';
  } else if (last?.challengeName === 'PASSWORD_VERIFIER' && last.challengeResult !== true) {
    event.response.failAuthentication = true;
  } else if (last?.challengeName === 'CUSTOM_CHALLENGE' && last.challengeResult === true) {
    event.response.issueTokens = true;
  } else if (customRounds >= 3) {
    event.response.failAuthentication = true;
  } else {
    event.response.challengeName = 'CUSTOM_CHALLENGE';
  }
  return event;
};
