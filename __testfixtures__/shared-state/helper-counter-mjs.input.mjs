import { save } from 'deps';

let jobsStarted = 0;

export async function startJob(job) {
  jobsStarted++;
  await save(job);
  return { job: job.id, sequence: jobsStarted };
}
