import type { Rule } from "../rule.js";
import basisRequired from "./basis-required.js";
import divisionCode from "./division-code.js";
import duplicateEntry from "./duplicate-entry.js";
import implementationCode from "./implementation-code.js";
import marksRequired from "./marks-required.js";
import powerType from "./power-type.js";
import requiredField from "./required-field.js";
import timeLimitExceeds from "./time-limit-exceeds.js";
import timeLimitUnparsed from "./time-limit-unparsed.js";
import unknownChannel from "./unknown-channel.js";
import unknownDomain from "./unknown-domain.js";

/** Every built-in rule, in the order the docs list them. */
export const builtinRules: readonly Rule[] = Object.freeze([
  requiredField,
  marksRequired,
  basisRequired,
  timeLimitUnparsed,
  timeLimitExceeds,
  duplicateEntry,
  unknownDomain,
  unknownChannel,
  powerType,
  implementationCode,
  divisionCode,
]);
