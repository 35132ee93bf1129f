import { createClient } from './search-client.mjs';

let clientPromise;

async function connectSearch() {
  const c = createClient({ node: process.env.SEARCH_URL });
  await c.ping();
  return c;
}

async function getClient() {
  // connect on first use
  const client = await (clientPromise ??= connectSearch().catch((err) => {
    clientPromise = undefined;
    throw err;
  }));
  return client;
}

export const handler = async (event) => {
  const search = await getClient();
  return search.find(event.q);
};
