// A handler whose response has the wrong shape.
export const handler = async (event) => {
  event.response = [];
  return event;
};
