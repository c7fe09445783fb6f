// A custom email sender as AWS's example writes it: decrypt event.request.code with the AWS Encryption SDK and a KMS
// keyring for the key in KEY_ARN, then hand the message to the email provider. The "provider" here is a loopback URL
// the test gives (SENDER_PROVIDER_URL); the KMS client finds Ninsho through AWS_ENDPOINT_URL_KMS, as any unchanged
// function would.
import { KmsKeyringNode, buildClient, CommitmentPolicy } from '@aws-crypto/client-node';

const { decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT);
const keyring = new KmsKeyringNode({ keyIds: [process.env.KEY_ARN] });

// Cognito HTML-escapes a temporary password before encrypting it; AWS's guide says to unescape it after decrypting.
const entities = { lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' };
const unescapeHtml = (text) => text.replace(/&(lt|gt|quot|#39|amp);/g, (_, name) => entities[name]);

export const handler = async (event) => {
  let plainTextCode;
  let failure;
  try {
    if (event.request.code) {
      const { plaintext } = await decrypt(keyring, Buffer.from(event.request.code, 'base64'));
      plainTextCode = unescapeHtml(plaintext.toString('utf8'));
    }
  } catch (error) {
    failure = `${error.name}: ${error.message}`;
  }

  // The provider call: who gets what.
  await fetch(process.env.SENDER_PROVIDER_URL, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      triggerSource: event.triggerSource,
      userName: event.userName,
      email: event.request.userAttributes.email,
      phoneNumber: event.request.userAttributes.phone_number,
      code: plainTextCode,
      error: failure,
    }),
  });
  if (failure) {
    throw new Error(failure);
  }
};
