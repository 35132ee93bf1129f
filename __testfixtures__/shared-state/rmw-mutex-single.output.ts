import { Mutex } from 'async-mutex';
import { reserve } from 'deps';

let nextSeat = 1;

const nextSeatLock = new Mutex();

export const handler = async (event: { party: number }): Promise<{ seats: number[] }> => {
  const seats = await nextSeatLock.runExclusive(async () => {
    const first = nextSeat;
    const seats = await reserve(first, event.party);
    nextSeat = first + seats.length;
    return seats;
  });
  return { seats };
};
