// Verify auth challenge response as AWS's examples write it: the answer must equal the private one.
export const handler = async (event) => {
  event.response.answerCorrect = event.request.privateChallengeParameters.answer === event.request.challengeAnswer;
  return event;
};
