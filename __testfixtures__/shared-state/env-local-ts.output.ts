import { audit } from 'deps';

export async function handler(event: { priority: number }): Promise<{ priority: string | undefined }> {
  const jobPriority = String(event.priority);
  await audit(event);
  return { priority: jobPriority };
}
