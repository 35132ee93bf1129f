import { save } from 'deps';

let jobsStarted = 0;

export async function startJob(job) {
  const jobsStartedSnapshot = ++jobsStarted;
  await save(job);
  return { job: job.id, sequence: jobsStartedSnapshot };
}
