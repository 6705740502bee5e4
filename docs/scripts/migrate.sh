#!/usr/bin/env bash
# 把一个考核轮次正在运行的流程实例迁移到模型的新版本（见 docs/模型管理指南.md 第五节）。
# 只是 Camunda 迁移 REST API 的薄包装：生成计划、检查计划、应用计划；拒绝的原因就是 Camunda 自己的报告。
#
#   第一步（只读，不改变任何实例）：
#     KAOHE_URL=http://服务器:8080 docs/scripts/migrate.sh plan <流程key> <轮次ID> [目标版本号]
#   生成并检查迁移计划，列出本轮实例当前所在、而计划没有对应的活动（应用时会被拒绝），
#   把可提交的请求保存为 migration-<流程key>-v<源版本>-to-v<目标版本>-<轮次ID>.json，供审阅。
#
#   第二步（迁移）：
#     KAOHE_URL=http://服务器:8080 docs/scripts/migrate.sh apply <计划文件>
#   全部迁移或全部不迁移：只要有一个实例不能迁移，Camunda 拒绝整个请求并说明原因，任何实例都不变。
#
# 流程key：unit-submission（单位报送）、area-review（领域评价）按业务键 <轮次ID>:% 选择本轮实例；
#          annual-assessment（年度考核）即轮次本身（实例ID = 轮次ID）。
# 账号：KAOHE_USER（默认 admin，须属于系统管理员组 camunda-admin），密码取 KAOHE_PASSWORD，未设置时提示输入。
# 需要 curl 和 jq。
set -euo pipefail

die() { echo "错误：$*" >&2; exit 2; }
command -v curl >/dev/null || die "需要 curl"
command -v jq >/dev/null || die "需要 jq"
[ -n "${KAOHE_URL:-}" ] || die "请设置 KAOHE_URL，例如 KAOHE_URL=http://kaohe.example:8080"
REST="${KAOHE_URL%/}/engine-rest"
USER_NAME="${KAOHE_USER:-admin}"
if [ -z "${KAOHE_PASSWORD:-}" ]; then
  read -r -s -p "${USER_NAME} 的密码：" KAOHE_PASSWORD; echo >&2
fi

BODY=$(mktemp); trap 'rm -f "$BODY"' EXIT

# call METHOD PATH [JSON]: sets STATUS and ANSWER (the body).
call() {
  local data=()
  [ $# -lt 3 ] || data=(--data-binary "$3")
  # The password goes to curl through a config file descriptor, not the command line that ps shows.
  STATUS=$(curl -sS -o "$BODY" -w '%{http_code}' -K <(printf 'user = "%s:%s"\n' "$USER_NAME" "$KAOHE_PASSWORD") \
    -X "$1" -H 'Content-Type: application/json' "${data[@]}" "${REST}$2")
  ANSWER=$(cat "$BODY")
}

# get METHOD PATH [JSON]: the body of a successful answer; otherwise stops with Camunda's message.
get() {
  call "$@"
  refuse_unless_ok
  printf '%s' "$ANSWER"
}

refuse_unless_ok() {
  case "$STATUS" in
    2*) ;;
    401) die "用户名或密码错误（HTTP 401）" ;;
    403) die "无权操作（HTTP 403），请使用系统管理员账号：$(jq -r '.message? // empty' <<<"$ANSWER" 2>/dev/null)" ;;
    *) die "HTTP ${STATUS}：$(jq -r '.message? // .' <<<"$ANSWER" 2>/dev/null || echo "$ANSWER")" ;;
  esac
}

plan() {
  local key="$1" round="$2" version="${3:-}" selection target answer
  if [ "$key" = "annual-assessment" ]; then
    selection=$(jq -n --arg r "$round" '{processInstanceIds: [$r]}')
  else
    selection=$(jq -n --arg r "$round" '{businessKeyLike: ($r + ":%")}')
  fi
  if [ -n "$version" ]; then
    answer=$(get GET "/process-definition?key=${key}&version=${version}")
    target=$(jq -r '.[0].id // empty' <<<"$answer")
  else
    answer=$(get GET "/process-definition/key/${key}")
    target=$(jq -r '.id' <<<"$answer")
  fi
  [ -n "$target" ] || die "没有找到 ${key} 的版本 ${version}"
  local target_version; target_version=$(get GET "/process-definition/${target}" | jq -r '.version')

  answer=$(get POST "/process-instance" "$(jq -c --arg k "$key" '. + {processDefinitionKey: $k}' <<<"$selection")")
  local count; count=$(jq 'length' <<<"$answer")
  [ "$count" -gt 0 ] || die "轮次 ${round} 没有正在运行的 ${key} 实例"
  local sources; sources=$(jq -r --arg t "$target" '[.[] | select(.definitionId != $t) | .definitionId] | unique | .[]' <<<"$answer")
  if [ -z "$sources" ]; then
    echo "轮次 ${round} 的 ${count} 个 ${key} 实例都已在目标版本 ${target_version} 上，无需迁移。"
    return 0
  fi

  local refused=0 source
  for source in $sources; do
    local source_version; source_version=$(get GET "/process-definition/${source}" | jq -r '.version')
    local instances; instances=$(jq -r --arg s "$source" '[.[] | select(.definitionId == $s) | .id] | .[]' <<<"$answer")
    echo "== ${key}：版本 ${source_version} → 版本 ${target_version}，本轮 $(wc -w <<<"$instances") 个实例"

    # 1. Camunda maps every activity that kept its ID and a compatible type.
    local generated; generated=$(get POST "/migration/generate" \
      "$(jq -n --arg s "$source" --arg t "$target" '{sourceProcessDefinitionId: $s, targetProcessDefinitionId: $t, updateEventTriggers: false}')")
    # 2. The plan checked on its own.
    local report; report=$(get POST "/migration/validate" "$generated")
    if [ "$(jq '[.instructionReports[]?.failures[]?] | length' <<<"$report")" -gt 0 ]; then
      refused=1
      echo "计划本身有错误（Camunda 的检查报告）："
      jq -r '.instructionReports[] | "  \(.instruction.sourceActivityIds | join(",")) → \(.instruction.targetActivityIds | join(","))：\(.failures | join("；"))"' <<<"$report"
    fi
    # Where the round's instances wait now, and whether the plan says where that goes.
    local mapped; mapped=$(jq -c '[.instructions[].sourceActivityIds[]]' <<<"$generated")
    local instance
    for instance in $instances; do
      local missing; missing=$(get GET "/process-instance/${instance}/activity-instances" | jq -r --argjson m "$mapped" '
        [(.childActivityInstances[]?, .childTransitionInstances[]?)
         | recurse(.childActivityInstances[]?, .childTransitionInstances[]?) | .activityId]
        | unique | map(select(. as $a | $m | index($a) | not)) | join(", ")')
      if [ -n "$missing" ]; then
        refused=1
        echo "  实例 ${instance}：当前所在的活动 ${missing} 在新版本中没有对应（已删除、改了 ID 或改了类型），应用时将被拒绝"
      fi
    done
    echo "  计划中的对应：$(jq -r '[.instructions[] | .sourceActivityIds[0]] | join(", ")' <<<"$generated")"

    local file="migration-${key}-v${source_version}-to-v${target_version}-${round}.json"
    jq -n --argjson plan "$generated" --argjson selection "$selection" --arg s "$source" \
      '{migrationPlan: $plan, processInstanceQuery: ($selection + {processDefinitionId: $s}),
        skipCustomListeners: false, skipIoMappings: false}' > "$file"
    echo "  已保存：${file}"
  done
  if [ "$refused" = 1 ]; then
    echo "检查未通过：不要应用这个计划。修改新版本的模型（恢复被删除或改名的活动）后重新部署，再运行 plan。"
    return 1
  fi
  echo "检查通过。确认后运行：$0 apply <上面保存的文件>"
}

apply() {
  local file="$1"
  [ -f "$file" ] || die "没有文件 ${file}"
  local waiting; waiting=$(get POST "/process-instance/count" "$(jq -c '.processInstanceQuery' "$file")" | jq '.count')
  if [ "$waiting" = 0 ]; then
    echo "计划文件所选的实例都已不在源版本上（可能已经迁移过），没有需要迁移的实例。"
    return 0
  fi
  call POST "/migration/execute" "$(cat "$file")"
  if [ "$STATUS" = 204 ]; then
    echo "已迁移：${waiting} 个实例现在运行在新版本上。"
    return 0
  fi
  if [ "$STATUS" = 400 ]; then
    echo "Camunda 拒绝了迁移，没有任何实例被迁移。原因："
    jq -r '.message' <<<"$ANSWER"
    return 1
  fi
  refuse_unless_ok
}

case "${1:-}" in
  plan) [ $# -ge 3 ] || die "用法：$0 plan <流程key> <轮次ID> [目标版本号]"; shift; plan "$@" ;;
  apply) [ $# -eq 2 ] || die "用法：$0 apply <计划文件>"; apply "$2" ;;
  *) die "用法：$0 plan <流程key> <轮次ID> [目标版本号] | $0 apply <计划文件>" ;;
esac
