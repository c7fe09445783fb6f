// Pre token generation (V2_0): adds a "tenant" claim to the ID and the access token.
export const handler = async (event) => {
  event.response = {
    claimsAndScopeOverrideDetails: {
      idTokenGeneration: { claimsToAddOrOverride: { tenant: 'acme' } },
      accessTokenGeneration: { claimsToAddOrOverride: { tenant: 'acme' } },
    },
  };
  return event;
};
