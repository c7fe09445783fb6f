// A handler slower than Cognito's 5 seconds.
export const handler = async (event) => {
  await new Promise((resolve) => setTimeout(resolve, 6500));
  return event;
};
