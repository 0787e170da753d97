-- Opens each file named in DOCKER_COACH_FILES (comma-separated) in a Neovim started with a user configuration
-- (`-u init.lua`), waits for its diagnostics and writes each file's filetype and diagnostic codes as JSON to
-- DOCKER_COACH_RESULT. test/editors/neovim.test.ts runs it with the Neovim 0.7 configuration of docs/editors.md.

local result = { files = {} }
local ok, err = pcall(function()
  for name in string.gmatch(os.getenv('DOCKER_COACH_FILES'), '[^,]+') do
    vim.cmd('edit ' .. vim.fn.fnameescape(name))
    local bufnr = vim.api.nvim_get_current_buf()
    local entry = { name = name, filetype = vim.bo[bufnr].filetype, codes = {} }
    result.files[#result.files + 1] = entry
    if not vim.wait(60000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20) then
      error('no diagnostics for ' .. name .. ' (filetype ' .. entry.filetype .. ')', 0)
    end
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      entry.codes[#entry.codes + 1] = string.format('%s@%d', d.code, d.lnum)
    end
    table.sort(entry.codes)
  end
end)
if not ok then result.error = tostring(err) end
local file = assert(io.open(os.getenv('DOCKER_COACH_RESULT'), 'w'))
file:write(vim.fn.json_encode(result))
file:close()
vim.cmd(ok and 'qall!' or 'cquit 1')
