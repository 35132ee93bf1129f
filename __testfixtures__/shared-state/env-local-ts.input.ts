import { audit } from 'deps';

export async function handler(event: { priority: number }): Promise<{ priority: string | undefined }> {
  process.env.JOB_PRIORITY = String(event.priority);
  await audit(event);
  return { priority: process.env.JOB_PRIORITY };
}
