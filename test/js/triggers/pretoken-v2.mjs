// Pre token generation (V2_0 / V3_0): claims of any JSON type in both tokens, scopes added and removed, and claims
// Cognito keeps for itself (username, exp) left as they were.
export const handler = async (event) => {
  event.response = {
    claimsAndScopeOverrideDetails: {
      idTokenGeneration: {
        claimsToAddOrOverride: { tenant: { id: 7, tags: ['a', 'b'] }, email_verified: { not: 'allowed' } },
        claimsToSuppress: ['email'],
      },
      accessTokenGeneration: {
        claimsToAddOrOverride: {
          tenant: 'acme',
          source: event.triggerSource,
          aud: event.callerContext.clientId,
          username: 'someone-else',
          exp: 1,
        },
        claimsToSuppress: ['cognito:groups'],
        scopesToAdd: ['reports/read'],
        scopesToSuppress: ['aws.cognito.signin.user.admin'],
      },
    },
  };
  return event;
};
