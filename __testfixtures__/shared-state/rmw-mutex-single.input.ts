import { reserve } from 'deps';

let nextSeat = 1;

export const handler = async (event: { party: number }): Promise<{ seats: number[] }> => {
  const first = nextSeat;
  const seats = await reserve(first, event.party);
  nextSeat = first + seats.length;
  return { seats };
};
