import { BILLED_KIND_DEPLOYMENTS, type DemoApp } from "./demoOrganisation";
import { guid, pick } from "./random";

const DAY_MS = 86_400_000;
const deployment = (name: string) => BILLED_KIND_DEPLOYMENTS.find((d) => d.deployment === name)!;

/** The usage of each kind of call, as the chargeback/v1 event carries it. */
type Usage = Record<string, number | string>;

/** gpt-5.6 sol: cache writes, cached reads, now and then at priority or with a prompt over the long-context threshold. */
function sol(random: () => number): Usage {
  const tier = random();
  const long = tier > 0.9;
  const write = random() < 0.4 ? Math.floor(500 + random() * 4000) : 0;
  const cached = Math.floor(random() * 3000);
  const plain = long ? Math.floor(280_000 + random() * 60_000) : Math.floor(800 + random() * 8000);
  const completion = Math.floor(100 + random() * 1500);
  return {
    promptTokens: plain + cached + write,
    cachedTokens: cached,
    cacheWriteTokens: write,
    completionTokens: completion,
    reasoningTokens: Math.floor(completion * random() * 0.5),
    ...(tier < 0.25 ? { serviceTier: "priority" } : {}),
  };
}

const CALLS: Record<string, (random: () => number) => Usage> = {
  "gpt-56-sol": sol,
  "deepseek-r1": (random) => ({ promptTokens: Math.floor(400 + random() * 6000), completionTokens: Math.floor(200 + random() * 2500) }),
  "gpt-realtime": (random) => {
    const audio = Math.floor(1000 + random() * 8000);
    const audioCached = Math.floor(audio * random() * 0.4);
    const text = Math.floor(200 + random() * 1500);
    const audioOut = Math.floor(500 + random() * 3000);
    return {
      promptTokens: audio + text,
      cachedTokens: audioCached,
      audioInputTokens: audio,
      audioCachedTokens: audioCached,
      completionTokens: audioOut + Math.floor(random() * 300),
      audioOutputTokens: audioOut,
    };
  },
  "gpt-image-1": (random) => {
    const image = random() < 0.5 ? Math.floor(300 + random() * 1200) : 0;
    const output = pick(random, [1056, 4160, 6240]);
    return { promptTokens: Math.floor(20 + random() * 200) + image, imageInputTokens: image, completionTokens: output, imageOutputTokens: output };
  },
};

/**
 * A few calls a day of the models billed on kinds and tiers of their own (gpt-5.6 with cache
 * writes, priority and long prompts; a DeepSeek model; realtime audio; image generation), by a
 * handful of apps, from their own random sequence.
 */
export function* demoBilledKinds(random: () => number, apps: readonly DemoApp[], from: number, to: number, perDay: number): Generator<string> {
  const callers = apps.filter((_, i) => i % 7 === 3);
  for (let day = from; day < to; day += DAY_MS) {
    for (let i = Math.floor(perDay * (0.5 + random())); i > 0; i--) {
      const time = day + Math.floor(random() * DAY_MS);
      if (time >= to) continue;
      const [name, call] = pick(random, Object.entries(CALLS));
      const d = deployment(name);
      const usage = call(random);
      const prompt = usage.promptTokens as number;
      const completion = usage.completionTokens as number;
      yield JSON.stringify({
        schema: "chargeback/v1",
        requestId: guid(random),
        time: new Date(time).toISOString(),
        appId: pick(random, callers).appId,
        deployment: d.deployment,
        model: d.model,
        operation: name === "gpt-realtime" ? "realtime" : name === "gpt-image-1" ? "images.generations" : "chat.completions",
        region: d.region,
        ...usage,
        totalTokens: prompt + completion,
        modelTimeMs: Math.floor(300 + random() * 9000),
        status: 200,
        streamed: false,
      });
    }
  }
}
