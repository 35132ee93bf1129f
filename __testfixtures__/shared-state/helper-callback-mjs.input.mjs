// Every function here calls code its caller passes in, or itself, which may run this module again
// in the middle: moving the read would change what that nested call sees, so nothing is rewritten.
let processed = 0;
let total = 0;

export async function addAll(items, priceOf) {
  for (const item of items) {
    total += await priceOf(item);
  }
  return total;
}

export async function process(item, hooks) {
  processed++;
  await hooks.onItem(item);
  return { item, number: processed };
}

export async function addWithChildren(item) {
  total += item.price + (item.child ? await addWithChildren(item.child) : 0);
  return item.price;
}
