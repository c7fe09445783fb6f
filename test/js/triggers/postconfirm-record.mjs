// Post confirmation as AWS's example is shaped: do the follow-up work (here: nothing) and return the event.
export const handler = async (event) => {
  console.log(`${event.triggerSource} for ${event.userName}`);
  return event;
};
