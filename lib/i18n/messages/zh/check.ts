import type { Messages } from "../en";

/** 简体中文：“检查连接”。 */
export const check: Messages["check"] = {
  open: "检查连接",
  /** The header\'s short label of the same button. */
  openShort: "检查",
  dialog: "检查与网关的连接",
  heading: "与网关的连接",
  intro: "向每个模型发送一个网关会在生成前拒绝的请求（空提示词、0 张图片、1*1 尺寸、种子 -1），因此不会产生任何费用。",
  run: "重新检查",
  running: "正在检查…",
  close: "关闭",
  error: "检查未能进行：{error}",
  offline: "离线演示：这次检查的是内置模拟器，而不是真实网关。设置 ONETOKEN_API_KEY 启动本站后即可检查真实网关。",
  took: "已检查 {baseUrl}，用时 {seconds} 秒。",
  reachable: "网关在此地址有回应（不带密钥的请求返回 HTTP {status}）。",
  simulatorReachable: "内置模拟器有回应（不带密钥的请求返回 HTTP {status}）。",
  unreachable: "{baseUrl} 没有任何回应：请检查服务器网络和 ONETOKEN_BASE_URL。其余项目均无法检查。",
  key: {
    accepted: "API 密钥已被接受。",
    simulated: "未设置 API 密钥：模拟器使用了自己的替代密钥，没有检查任何真实密钥。",
    refused: "网关拒绝了 API 密钥：请运行本站的人检查 ONETOKEN_API_KEY。",
    unknown: "从这些回应无法判断密钥是否被接受（见下方各模型）。",
  },
  summary: { one: "{total} 个模型中有 {count} 个有回应。", other: "{total} 个模型中有 {count} 个有回应。" },
  table: { model: "模型", endpoint: "接口", outcome: "回应", detail: "状态、代码、请求 ID" },
  endpoints: { generations: "生成", edits: "编辑" },
  outcomes: {
    answers: "有回应：它按预期拒绝了测试请求的设置，说明密钥可用于此模型。",
    key_refused: "拒绝了密钥。",
    model_unknown: "网关不认识这个模型（或在此不提供）。",
    model_denied: "密钥无权使用这个模型。",
    out_of_credit: "账户余额不足。",
    rate_limited: "网关正在限流，请一分钟后再检查。",
    unavailable: "模型暂时不可用。",
    gateway_error: "网关端出错。",
    unreachable: "未能及时回应。",
    generated: "它为一个本应被拒绝的请求生成了图片：可能已计费。请告知网关的客服。",
  },
  cannotCheck: "不花钱就无法检查的内容：模型是否真的能生成图片、需要多久、花费多少。生成一张图片即可看到。",
};
