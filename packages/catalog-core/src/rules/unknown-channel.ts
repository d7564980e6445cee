import type { DisclosureEntry } from "@zwgk/catalog-schemas";
import { fieldLabel } from "../labels.js";
import { closestChannel, isKnownChannel, STANDARD_CHANNELS } from "../reference/channels.js";
import { defineRule } from "../rule.js";
import { DISCLOSURE_KINDS } from "./shared.js";

const STANDARD_LIST = STANDARD_CHANNELS.map((c) => c.name).join("、");

/** The `unknown-channel` rule; what it checks is in its `meta.description` and docs/rules.md. */
export default defineRule({
  meta: {
    id: "unknown-channel",
    severity: "warning",
    kinds: DISCLOSURE_KINDS,
    description: "公开渠道和载体应为标准13项渠道或已知的地方渠道；其他渠道请写作“其他：…”。",
    messages: {
      unknown: "「{label}」中的「{channel}」不是标准渠道，也不是已知的地方渠道。",
      "unknown-suggest": "「{label}」中的「{channel}」不是标准渠道，是否应为「{closest}」？",
    },
    hints: {
      unknown: `标准渠道为：${STANDARD_LIST}；确属地方渠道的，请写作“其他：{channel}”。`,
      "unknown-suggest": "请改为「{closest}」；确属地方渠道的，请写作“其他：{channel}”。",
    },
  },
  create(context) {
    const label = fieldLabel(context.kind, "channels");
    // A catalog repeats its few channel names on every row: decide each name once.
    const verdicts = new Map<string, { closest?: string } | null>();
    const verdict = (name: string) => {
      let v = verdicts.get(name);
      if (v === undefined) {
        v = isKnownChannel(name) ? null : { closest: closestChannel(name) };
        verdicts.set(name, v);
      }
      return v;
    };
    // The channels of the last entry when every one was known and the list cannot change (frozen:
    // the xlsx importer shares one list per distinct cell text).
    let allKnown: readonly string[] | undefined;
    return {
      entry(entry, index) {
        const selected = (entry as DisclosureEntry).channels?.selected;
        if (!selected || selected === allKnown) return;
        let known = true;
        for (const channel of selected) {
          const v = verdict(channel);
          if (!v) continue;
          known = false;
          context.report({
            messageId: v.closest ? "unknown-suggest" : "unknown",
            entry: index,
            field: "channels",
            data: v.closest ? { label, channel, closest: v.closest } : { label, channel },
          });
        }
        allKnown = known && Object.isFrozen(selected) ? selected : undefined;
      },
    };
  },
});
