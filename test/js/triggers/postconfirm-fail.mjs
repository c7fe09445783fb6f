// A post confirmation function whose follow-up work fails.
export const handler = async (event) => {
  throw new Error(`Welcome mail for ${event.userName} could not be queued`);
};
