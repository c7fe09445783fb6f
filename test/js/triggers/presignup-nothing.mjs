// A handler that forgets to return the event: Lambda answers null.
export const handler = async (event) => {
  console.log(event.triggerSource);
};
