import { openStore, type Store } from './store';

let store: Store | undefined;

export const handler = async (event: { key: string }) => {
  store ??= await openStore(process.env.STORE_NAME!);
  return { key: event.key, value: await store.get(event.key) };
};
