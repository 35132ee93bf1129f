import { audit } from 'deps';

// set per request by login, read by whoever calls currentUser(): the value crosses exported functions
let signedIn: string | undefined;

export async function login(event: { user: string }): Promise<void> {
  signedIn = event.user;
  await audit(event.user);
}

export function currentUser(): string | undefined {
  return signedIn;
}
