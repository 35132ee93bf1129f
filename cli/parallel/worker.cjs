// Worker thread entry: TypeScript through tsx, as the bin does.
'use strict';
require('tsx/cjs/api').register();
require('./worker-main.ts');
