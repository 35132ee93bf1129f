exports.handler = async (event) => {
  let acc = 0;
  for (let i = 0; i < 5_000_000; i++) {
    acc = (acc * 31 + event.seed + i) % 1_000_003;
  }
  for (let i = 0; i < event.items.length; i++) acc += event.items[i];
  return { acc };
};
