// Create auth challenge as AWS's examples write it: ask for the secret word, keep the answer private, and name the
// round in challengeMetadata.
export const handler = async (event) => {
  if (event.request.challengeName === 'CUSTOM_CHALLENGE') {
    const round = event.request.session.filter((s) => s.challengeName === 'CUSTOM_CHALLENGE').length + 1;
    event.response.publicChallengeParameters = { question: 'What is the secret word?' };
    event.response.privateChallengeParameters = { answer: 'ninsho' };
    event.response.challengeMetadata = `SECRET-${round}`;
  }
  return event;
};
