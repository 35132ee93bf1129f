const fs = require('fs');
const path = require('path');

function loadRules() {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'rules.json'), 'utf8'));
}

async function price(event) {
  const rules = loadRules();
  return rules[event.sku];
}

exports.handler = async (event) => {
  return { price: await price(event) };
};
