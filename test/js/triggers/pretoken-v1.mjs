// Pre token generation (V1_0): changes the ID token's claims and replaces the groups. The attempts on sub, iss and
// cognito:username are ones Cognito does not allow; they must leave those claims as they were.
export const handler = async (event) => {
  event.response = {
    claimsOverrideDetails: {
      claimsToAddOrOverride: {
        tenant: 'acme',
        email: 'override@example.com',
        source: event.triggerSource,
        sub: 'not-the-sub',
        'cognito:username': 'someone-else',
      },
      claimsToSuppress: ['name', 'iss'],
      groupOverrideDetails: {
        groupsToOverride: ['admins'],
        iamRolesToOverride: ['arn:aws:iam::123456789012:role/admin'],
        preferredRole: 'arn:aws:iam::123456789012:role/admin',
      },
    },
  };
  return event;
};
