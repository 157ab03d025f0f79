/* sbfa-pack learner runtime (placeholder until the runtime lands). */
"use strict";
