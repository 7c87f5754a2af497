// Text of the real-world-shaped workloads (our own programs, written the way public Nickel code
// bases are): `modules-<K>` a project merged from K modules in the style of a module system
// (each brings a piece of `Schema` and a `config | Schema`, over a shared derivation contract
// library, and the project applies the module contract); `k8s-<N>` N applications (a Deployment,
// a Service, a ConfigMap each) checked against a generated-style Kubernetes contract library
// (every field optional and nullable, as json-schema-to-nickel writes them); `ci-<N>` a CI
// workflow of N jobs built by functions and merges under a workflow schema.

/** Files of one workload: path relative to its root → text. */

export function modulesWorkload(k) {
  const files = new Map();
  files.set(
    'lib/modules.ncl',
    `# A module is a schema and a configuration checked against it.
{
  Module = {
    config | Schema = {},
    Schema | { .. } | not_exported = {},
    "$kind" | force = "module",
  },
}
`,
  );
  files.set(
    'lib/derivation.ncl',
    `# The contracts every module shares: derivations and the shells built from them.
let NonEmpty = std.contract.from_predicate (fun s => std.is_string s && s != "") in
let Version = std.contract.from_predicate (fun s => std.is_string s && std.string.is_match "^[0-9]+(\\\\.[0-9]+)*$" s) in
let Fragment = std.contract.any_of [String, { "$kind" | force = "input", input | String, path | Array String }] in
{
  Name = NonEmpty,
  Input = fun spec => { "$kind" = "input", input = "pkgs", path = std.string.split "." spec },
  Derivation = {
    "$kind" | force = "derivation",
    name | Name,
    version | Version | default = "0.1.0",
    system | String | default = "x86_64-linux",
    env | { _ | String } = {},
    inputs | { _ | Fragment } = {},
    script | String | default = "",
    drv_name = "%{name}-%{version}",
    builder = {
      cmd = "bash",
      args = ["-c", "set -eu; %{script}"],
      env_names = std.record.fields env,
    },
    ..
  },
  Shells = {
    build | Derivation,
    dev | Derivation = build,
    default | Derivation = dev,
  },
  File = {
    content | String,
    mode | String | default = "0644",
    target | NonEmpty | optional,
  },
}
`,
  );
  for (let i = 1; i <= k; i++) {
    files.set(
      `modules/m${i}.ncl`,
      `let drv = import "../lib/derivation.ncl" in
{
  Schema = {
    m${i} = {
      enable | Bool | default = true,
      port | Number | default = ${8000 + i},
      options | { _ | String } = {},
    },
    shells | drv.Shells,
    files | { _ | drv.File } = {},
  },
  config | Schema = {
    m${i}.options.log_level = "info",
    shells.build.env.M${i}_PORT = std.to_string m${i}.port,
    shells.build.inputs.tool${i} = drv.Input "tools.t${i}",
    shells.dev.env.M${i}_DEBUG = if m${i}.enable then "1" else "0",
    files."m${i}.conf".content = "port=%{std.to_string m${i}.port}\\nlevel=%{m${i}.options.log_level}",
  },
}
`,
    );
  }
  const imports = Array.from({ length: k }, (_, i) => `(import "modules/m${i + 1}.ncl")`).join('\n& ');
  // The export is the configuration: py-nickel would also force the not_exported Schema.
  files.set(
    'project.ncl',
    `let modules = import "lib/modules.ncl" in
(
${imports}
& {
  Schema,
  config | Schema = {
    shells.build = { name = "project", script = "make all" },
    shells.dev.env.EDITOR = "vi",
    m1.port = 9001,
    files."README".content = "generated",
  },
}
| modules.Module
).config
`,
  );
  return { entry: 'project.ncl', files };
}

export function k8sWorkload(n) {
  const files = new Map();
  files.set(
    'lib/k8s.ncl',
    `# Kubernetes resources, the way generated contract libraries write them: every field optional and
# nullable, enums that also take strings, records closed unless the API says otherwise.
let Nullable = fun C => std.contract.custom (fun label value => if value == null then 'Ok value else std.contract.check C label value) in
let TagOrString = std.contract.any_of [String, std.enum.Tag] in
let Quantity = std.contract.any_of [String, Number] in
let Integer = std.number.Integer in
let DnsName = std.contract.from_predicate (fun s => std.is_string s && std.string.is_match "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$" s) in
let rec refs = {
  ObjectMeta = {
    name | Nullable DnsName | optional,
    namespace | Nullable String | optional,
    labels | Nullable { _ | Nullable String } | optional,
    annotations | Nullable { _ | Nullable String } | optional,
    generateName | Nullable String | optional,
    finalizers | Nullable (Array String) | optional,
    uid | Nullable String | optional,
  },
  LabelSelector = {
    matchLabels | Nullable { _ | Nullable String } | optional,
    matchExpressions | Nullable (Array { key | String, operator | String, values | Nullable (Array String) | optional }) | optional,
  },
  EnvVar = {
    name | String,
    value | Nullable String | optional,
    valueFrom | Nullable {
      configMapKeyRef | Nullable { name | Nullable String | optional, key | String, optional | Nullable Bool | optional } | optional,
      secretKeyRef | Nullable { name | Nullable String | optional, key | String, optional | Nullable Bool | optional } | optional,
      fieldRef | Nullable { fieldPath | String, apiVersion | Nullable String | optional } | optional,
    } | optional,
  },
  ContainerPort = {
    containerPort | Integer,
    name | Nullable String | optional,
    protocol | Nullable TagOrString | optional,
    hostPort | Nullable Integer | optional,
  },
  HttpGet = {
    path | Nullable String | optional,
    port | std.contract.any_of [Integer, String],
    scheme | Nullable TagOrString | optional,
  },
  Probe = {
    httpGet | Nullable refs.HttpGet | optional,
    exec | Nullable { command | Nullable (Array String) | optional } | optional,
    initialDelaySeconds | Nullable Integer | optional,
    periodSeconds | Nullable Integer | optional,
    timeoutSeconds | Nullable Integer | optional,
    failureThreshold | Nullable Integer | optional,
  },
  Resources = {
    limits | Nullable { _ | Quantity } | optional,
    requests | Nullable { _ | Quantity } | optional,
  },
  VolumeMount = {
    name | String,
    mountPath | String,
    readOnly | Nullable Bool | optional,
    subPath | Nullable String | optional,
  },
  Container = {
    name | DnsName,
    image | Nullable String | optional,
    imagePullPolicy | Nullable TagOrString | optional,
    command | Nullable (Array String) | optional,
    args | Nullable (Array String) | optional,
    env | Nullable (Array refs.EnvVar) | optional,
    ports | Nullable (Array refs.ContainerPort) | optional,
    resources | Nullable refs.Resources | optional,
    readinessProbe | Nullable refs.Probe | optional,
    livenessProbe | Nullable refs.Probe | optional,
    volumeMounts | Nullable (Array refs.VolumeMount) | optional,
    workingDir | Nullable String | optional,
  },
  Volume = {
    name | String,
    configMap | Nullable { name | Nullable String | optional, defaultMode | Nullable Integer | optional } | optional,
    emptyDir | Nullable { medium | Nullable String | optional, sizeLimit | Nullable Quantity | optional } | optional,
    secret | Nullable { secretName | Nullable String | optional } | optional,
  },
  PodSpec = {
    containers | Array refs.Container,
    initContainers | Nullable (Array refs.Container) | optional,
    volumes | Nullable (Array refs.Volume) | optional,
    serviceAccountName | Nullable String | optional,
    nodeSelector | Nullable { _ | Nullable String } | optional,
    restartPolicy | Nullable TagOrString | optional,
    terminationGracePeriodSeconds | Nullable Integer | optional,
  },
  PodTemplateSpec = {
    metadata | Nullable refs.ObjectMeta | optional,
    spec | Nullable refs.PodSpec | optional,
  },
  Deployment = {
    apiVersion | Nullable TagOrString | optional,
    kind | Nullable TagOrString | optional,
    metadata | Nullable refs.ObjectMeta | optional,
    spec | Nullable {
      replicas | Nullable Integer | optional,
      selector | refs.LabelSelector,
      template | refs.PodTemplateSpec,
      revisionHistoryLimit | Nullable Integer | optional,
      strategy | Nullable { type | Nullable TagOrString | optional, rollingUpdate | Nullable { maxSurge | Nullable Quantity | optional, maxUnavailable | Nullable Quantity | optional } | optional } | optional,
    } | optional,
  },
  Service = {
    apiVersion | Nullable TagOrString | optional,
    kind | Nullable TagOrString | optional,
    metadata | Nullable refs.ObjectMeta | optional,
    spec | Nullable {
      selector | Nullable { _ | Nullable String } | optional,
      ports | Nullable (Array { port | Integer, targetPort | Nullable (std.contract.any_of [Integer, String]) | optional, name | Nullable String | optional, protocol | Nullable TagOrString | optional }) | optional,
      type | Nullable TagOrString | optional,
    } | optional,
  },
  ConfigMap = {
    apiVersion | Nullable TagOrString | optional,
    kind | Nullable TagOrString | optional,
    metadata | Nullable refs.ObjectMeta | optional,
    data | Nullable { _ | Nullable String } | optional,
  },
} in
refs
`,
  );
  files.set(
    'lib/app.ncl',
    `# One application: its Deployment, Service and ConfigMap from a small description.
let k8s = import "k8s.ncl" in
let defaults = {
  replicas | default = 2,
  port | default = 8080,
  env | default = {},
  cpu | default = "250m",
  memory | default = "128Mi",
} in
fun spec =>
  let s = defaults & spec in
  let app_labels = { app = s.name, tier = s.tier } in
  let container = {
    name = s.name,
    image = "registry.example.com/%{s.name}:%{s.version}",
    ports = [{ containerPort = s.port, name = "http" }],
    env = s.env |> std.record.to_array |> std.array.map (fun kv => { name = kv.field, value = kv.value }),
    resources = { limits = { cpu = s.cpu, memory = s.memory }, requests = { cpu = s.cpu, memory = s.memory } },
    readinessProbe = { httpGet = { path = "/ready", port = s.port }, periodSeconds = 10 },
    livenessProbe = { httpGet = { path = "/health", port = s.port }, initialDelaySeconds = 5 },
    volumeMounts = [{ name = "config", mountPath = "/etc/%{s.name}", readOnly = true }],
  } in
  {
    deployment | k8s.Deployment = {
      apiVersion = "apps/v1",
      kind = "Deployment",
      metadata = { name = s.name, labels = app_labels },
      spec = {
        replicas = s.replicas,
        selector.matchLabels = app_labels,
        template = {
          metadata.labels = app_labels,
          spec = {
            containers = [container],
            volumes = [{ name = "config", configMap.name = "%{s.name}-config" }],
          },
        },
      },
    },
    service | k8s.Service = {
      apiVersion = "v1",
      kind = "Service",
      metadata = { name = s.name, labels = app_labels },
      spec = { selector = app_labels, ports = [{ port = 80, targetPort = s.port, name = "http" }] },
    },
    configmap | k8s.ConfigMap = {
      apiVersion = "v1",
      kind = "ConfigMap",
      metadata.name = "%{s.name}-config",
      data = { "app.conf" = "listen=%{std.to_string s.port}\\nreplicas=%{std.to_string s.replicas}" },
    },
  }
`,
  );
  files.set(
    'cluster.ncl',
    `let app = import "lib/app.ncl" in
let tiers = ["web", "api", "worker", "batch"] in
let apps = std.array.generate (fun i =>
  app {
    name = "svc-%{std.to_string i}",
    version = "1.%{std.to_string (i % 7)}.0",
    tier = std.array.at (i % 4) tiers,
    env = { LOG_LEVEL = "info", SHARD = std.to_string i },
    replicas = 1 + i % 3,
  }) ${n}
in
{
  apiVersion = "v1",
  kind = "List",
  items = std.array.flat_map (fun a => [a.deployment, a.service, a.configmap]) apps,
}
`,
  );
  return { entry: 'cluster.ncl', files };
}

export function ciWorkload(n) {
  const files = new Map();
  files.set(
    'schema/workflow.ncl',
    `# A CI workflow schema in the generated style: closed records, optional fields, one-of choices.
let OneOf = fun contracts => std.contract.any_of contracts in
let StepName = std.contract.from_predicate (fun s => std.is_string s && std.string.length s > 0) in
let rec defs = {
  Step = {
    name | StepName | optional,
    uses | String | optional,
    run | String | optional,
    with | { _ | OneOf [String, Number, Bool] } | optional,
    env | { _ | OneOf [String, Number, Bool] } | optional,
    "if" | String | optional,
    "continue-on-error" | Bool | optional,
    "timeout-minutes" | Number | optional,
  },
  Matrix = { _ | Array (OneOf [String, Number]) },
  Job = {
    name | String | optional,
    "runs-on" | OneOf [String, Array String],
    needs | OneOf [String, Array String] | optional,
    steps | Array defs.Step,
    strategy | { matrix | defs.Matrix, "fail-fast" | Bool | optional, "max-parallel" | Number | optional } | optional,
    env | { _ | String } | optional,
    "timeout-minutes" | Number | optional,
    services | { _ | { image | String, ports | Array String | optional, env | { _ | String } | optional } } | optional,
  },
  Workflow = {
    name | String,
    on | OneOf [String, Array String, { _ | Dyn }],
    env | { _ | String } | optional,
    jobs | { _ | defs.Job },
  },
} in
defs
`,
  );
  files.set(
    'lib/steps.ncl',
    `# Steps shared by jobs, and a job builder that merges them with a job's own.
{
  checkout = { name = "Checkout", uses = "actions/checkout@v4" },
  cache = fun cache_key => { name = "Cache", uses = "actions/cache@v4", with = { path = "~/.cache", key = cache_key } },
  toolchain = fun v => { name = "Toolchain %{v}", uses = "example/setup-toolchain@v1", with.version = v },
  job = fun spec =>
    {
      "runs-on" | default = "ubuntu-latest",
      "timeout-minutes" | default = 30,
      env | default = { CI = "true" },
      steps = [checkout, cache "%{spec.target}-%{spec.version}", toolchain spec.version] @ spec.run_steps,
    }
    & (std.record.remove "run_steps" (std.record.remove "target" (std.record.remove "version" spec))),
}
`,
  );
  files.set(
    'workflow.ncl',
    `let schema = import "schema/workflow.ncl" in
let steps = import "lib/steps.ncl" in
let targets = std.array.generate (fun i => "target-%{std.to_string i}") ${n} in
let build_job = fun t =>
  steps.job {
    target = t,
    version = "1.8%{std.to_string (std.string.length t % 10)}",
    name = "build %{t}",
    run_steps = [
      { name = "Build", run = "make build TARGET=%{t}" },
      { name = "Test", run = "make test TARGET=%{t}", env.RUST_BACKTRACE = 1 },
      { name = "Package", run = "make dist TARGET=%{t}", "if" = "github.ref == 'refs/heads/main'" },
    ],
    strategy.matrix = { os = ["ubuntu-latest", "macos-latest"], opt = [0, 2, 3] },
  }
in
{
  name = "ci",
  on = ["push", "pull_request"],
  env.CARGO_TERM_COLOR = "always",
  jobs =
    targets
    |> std.array.map (fun t => { field = "build-%{t}", value = build_job t })
    |> std.record.from_array
    |> std.record.map (fun name job => job & { "timeout-minutes" | force = 45 }),
} | schema.Workflow
`,
  );
  return { entry: 'workflow.ncl', files };
}
