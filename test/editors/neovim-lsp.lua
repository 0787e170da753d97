-- Drives Neovim's own LSP client against the Docker Coach language server and writes what the
-- editor saw as JSON; test/editors/neovim.test.ts starts it and checks the result.
--
--   nvim --headless --clean -n -c "luafile test/editors/neovim-lsp.lua"
--
-- Environment: DOCKER_COACH_NODE (node executable), DOCKER_COACH_SERVER (dist/server.js),
-- DOCKER_COACH_WORKSPACE (a folder holding Dockerfile and compose.yaml), DOCKER_COACH_RESULT
-- (the JSON file to write). Neovim 0.7 (Debian bookworm) has no vim.lsp.start: the client is
-- started with vim.lsp.start_client and attached to each buffer, as docs/editors.md shows for it;
-- newer Neovims use vim.lsp.start. Every wait is for an event, bounded so a hang fails instead
-- of blocking the suite.

local WAIT_MS = 60000
local result = { steps = {} }

local function env(name)
  local value = os.getenv(name)
  if not value or value == '' then error(name .. ' is not set', 0) end
  return value
end

local function write_result()
  local file = assert(io.open(env('DOCKER_COACH_RESULT'), 'w'))
  file:write(vim.fn.json_encode(result))
  file:close()
end

local function wait_for(what, predicate)
  if not vim.wait(WAIT_MS, predicate, 20) then error('timed out waiting for ' .. what, 0) end
end

local node, server, workspace = env('DOCKER_COACH_NODE'), env('DOCKER_COACH_SERVER'), env('DOCKER_COACH_WORKSPACE')

-- Raw publishDiagnostics per URI (count and last list), then Neovim's own handler shows them.
local published = {}
local function on_diagnostics(err, params, ctx, config)
  local entry = published[params.uri] or { count = 0 }
  entry.count = entry.count + 1
  entry.diagnostics = params.diagnostics
  entry.version = params.version
  published[params.uri] = entry
  return vim.lsp.handlers['textDocument/publishDiagnostics'](err, params, ctx, config)
end

local config = {
  name = 'docker-coach',
  cmd = { node, server, '--stdio' },
  root_dir = workspace,
  get_language_id = function(_, filetype)
    if filetype == 'yaml.docker-compose' then return 'dockercompose' end
    return filetype
  end,
  handlers = { ['textDocument/publishDiagnostics'] = on_diagnostics },
}

local settings = {
  rules = { ['apt-get-no-recommends'] = 'off', ['exec-form-cmd'] = 'error' },
  shellcheck = { enable = false },
}
if vim.lsp.start then
  -- Neovim 0.8+ says it answers workspace/configuration: the server asks for the section "dockerCoach".
  config.settings = { dockerCoach = settings }
else
  -- Neovim 0.7 answers it but does not say so: the server takes the settings from initializationOptions.
  config.init_options = { settings = settings }
end

local client_id
local function attach_current_buffer()
  local bufnr = vim.api.nvim_get_current_buf()
  if vim.lsp.start then
    result.api = 'vim.lsp.start'
    client_id = vim.lsp.start(config)
  else
    result.api = 'vim.lsp.start_client'
    client_id = client_id or vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(bufnr, client_id)
  end
  if not client_id then error('the client did not start', 0) end
  return bufnr
end

local function open(name, filetype)
  vim.cmd('edit ' .. vim.fn.fnameescape(workspace .. '/' .. name))
  if filetype then vim.bo.filetype = filetype end
  local bufnr = attach_current_buffer()
  return bufnr, vim.uri_from_bufnr(bufnr)
end

local function shown(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(list, { code = d.code, line = d.lnum, col = d.col, severity = d.severity, source = d.source, message = d.message })
  end
  table.sort(list, function(a, b) return a.line < b.line or (a.line == b.line and tostring(a.code) < tostring(b.code)) end)
  return list
end

local function request(bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, WAIT_MS)
  if not responses then error(method .. ' failed: ' .. tostring(err), 0) end
  local response = responses[client_id]
  if not response then error(method .. ': no answer from the Docker Coach client', 0) end
  if response.err then error(method .. ': ' .. vim.inspect(response.err), 0) end
  return response.result
end

local function run()
  local v = vim.version()
  result.nvim = string.format('%d.%d.%d', v.major, v.minor, v.patch)

  -- 1. Dockerfile: diagnostics as Neovim shows them.
  local bufnr, uri = open('Dockerfile')
  result.dockerfileFiletype = vim.bo[bufnr].filetype
  wait_for('Dockerfile diagnostics', function() return published[uri] ~= nil and #vim.diagnostic.get(bufnr) > 0 end)
  result.diagnostics = shown(bufnr)
  table.insert(result.steps, 'diagnostics')

  -- 2. Hover on the MAINTAINER finding, as Neovim would render it.
  local hover = request(bufnr, 'textDocument/hover', { textDocument = { uri = uri }, position = { line = 1, character = 2 } })
  if not hover then error('no hover on MAINTAINER', 0) end
  result.hover = table.concat(vim.lsp.util.convert_input_to_markdown_lines(hover.contents), '\n')
  table.insert(result.steps, 'hover')

  -- 3. Code actions for that finding; apply the preferred one through Neovim.
  local finding
  for _, d in ipairs(published[uri].diagnostics) do
    if d.code == 'maintainer-deprecated' then finding = d end
  end
  if not finding then error('no maintainer-deprecated diagnostic to ask code actions for', 0) end
  local actions = request(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = finding.range,
    context = { diagnostics = { finding }, only = { 'quickfix' } },
  }) or {}
  result.codeActions = {}
  local preferred
  for _, action in ipairs(actions) do
    table.insert(result.codeActions, { title = action.title, kind = action.kind, isPreferred = action.isPreferred == true })
    if action.isPreferred and not preferred then preferred = action end
  end
  if not preferred then error('no preferred code action', 0) end
  if not preferred.edit then
    preferred = vim.lsp.get_client_by_id(client_id).request_sync('codeAction/resolve', preferred, WAIT_MS, bufnr).result
  end
  vim.lsp.util.apply_workspace_edit(preferred.edit, vim.lsp.get_client_by_id(client_id).offset_encoding or 'utf-16')
  result.applied = preferred.title
  result.textAfterFix = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  -- The edit reaches the server as didChange; it lints the new version.
  local version = (vim.lsp.util.buf_versions or {})[bufnr] or vim.b[bufnr].changedtick
  result.versionAfterFix = version
  wait_for('diagnostics of the fixed text', function() return published[uri].version == version end)
  result.diagnosticsAfterFix = shown(bufnr)
  table.insert(result.steps, 'codeAction')

  -- 4. A compose file with the filetype docs/editors.md gives it.
  local compose, compose_uri = open('compose.yaml', 'yaml.docker-compose')
  wait_for('compose diagnostics', function() return published[compose_uri] ~= nil end)
  result.composeDiagnostics = shown(compose)
  table.insert(result.steps, 'compose')
end

local ok, err = pcall(run)
if not ok then result.error = tostring(err) end
write_result()
-- Stop the server politely, then leave with the outcome as exit code.
local clients = vim.lsp.get_clients or vim.lsp.get_active_clients
vim.lsp.stop_client(clients())
vim.wait(5000, function() return #clients() == 0 end, 20)
vim.cmd(ok and 'qall!' or 'cquit 1')
