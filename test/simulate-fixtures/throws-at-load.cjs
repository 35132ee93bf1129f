// A module that fails during init.
throw new Error('cannot read config');
