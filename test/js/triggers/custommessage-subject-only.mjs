// A custom message that changes only the subject: the body stays the pool's template.
export const handler = async (event) => {
  event.response.emailSubject = `Subject from ${event.triggerSource}`;
  return event;
};
