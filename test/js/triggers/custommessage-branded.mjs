// Custom message as AWS's examples write it: the texts use the placeholders the event gives, never the code itself.
export const handler = async (event) => {
  const { codeParameter, usernameParameter } = event.request;
  if (event.triggerSource === 'CustomMessage_AdminCreateUser') {
    event.response.emailSubject = 'Welcome to Example';
    event.response.emailMessage = `Sign in as ${usernameParameter} with ${codeParameter}.`;
    event.response.smsMessage = `Example: ${usernameParameter} / ${codeParameter}`;
  } else {
    event.response.emailSubject = `Example code (${event.triggerSource})`;
    event.response.emailMessage = `<p>Your Example code is <b>${codeParameter}</b>.</p>`;
    event.response.smsMessage = `Example code ${codeParameter}`;
  }
  return event;
};
