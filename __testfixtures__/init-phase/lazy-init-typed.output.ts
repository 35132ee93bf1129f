import { openStore, type Store } from './store';

let storePromise: Promise<Store> | undefined;

export const handler = async (event: { key: string }) => {
  const store = await (storePromise ??= Promise.resolve(openStore(process.env.STORE_NAME!)).catch((err) => {
    storePromise = undefined;
    throw err;
  }));
  return { key: event.key, value: await store.get(event.key) };
};
