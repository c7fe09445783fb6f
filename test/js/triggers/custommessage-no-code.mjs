// A custom message that forgets the code placeholder.
export const handler = async (event) => {
  event.response.emailSubject = 'Welcome';
  event.response.emailMessage = 'Welcome to Example!';
  return event;
};
