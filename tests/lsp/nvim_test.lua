-- A real client: Neovim (0.7 or later) attaches `concord lsp` to the
-- seed's Persian file and must receive the expected diagnostics, with
-- UTF-16 positions that Neovim converts to the right bytes of the buffer,
-- and the quick fix for «آلمانى».
--
-- Run by nvim_test.sh: CONCORD_BIN is the concord executable, CONCORD_FILE
-- the Persian file (in a temporary copy of the fixture). Exits 0 on
-- success; on failure prints the reason on stderr and exits 1.

local function say(msg)
  io.stderr:write("lsp.neovim: " .. msg .. "\n")
end

local function run()
  local bin = assert(os.getenv("CONCORD_BIN"), "CONCORD_BIN is not set")
  local file = assert(os.getenv("CONCORD_FILE"), "CONCORD_FILE is not set")
  local timeout_ms = tonumber(os.getenv("CONCORD_LSP_TIMEOUT_MS") or "") or 20000

  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()

  local published = nil -- the raw LSP diagnostics, as the server sent them
  local exit_code = nil
  local config = {
    name = "concord",
    cmd = { bin, "lsp" },
    root_dir = vim.fn.fnamemodify(file, ":p:h"),
    handlers = {
      ["textDocument/publishDiagnostics"] = function(err, result, ctx, cfg)
        if result and vim.uri_to_bufnr(result.uri) == bufnr then
          published = result.diagnostics
        end
        return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, cfg)
      end,
    },
    on_exit = function(code)
      exit_code = code
    end,
  }
  local client_id
  if vim.lsp.start then -- Neovim 0.8+
    client_id = vim.lsp.start(config, { bufnr = bufnr })
  else -- Neovim 0.7
    client_id = vim.lsp.start_client(config)
    assert(client_id, "vim.lsp.start_client failed")
    assert(vim.lsp.buf_attach_client(bufnr, client_id), "vim.lsp.buf_attach_client failed")
  end
  assert(client_id, "could not start " .. bin .. " lsp")

  local arrived = vim.wait(timeout_ms, function()
    return (published ~= nil and #vim.diagnostic.get(bufnr) > 0) or exit_code ~= nil
  end, 50)
  if exit_code ~= nil then
    error("the server exited with status " .. tostring(exit_code) .. " before publishing diagnostics")
  end
  if not arrived then
    error("no diagnostics within " .. timeout_ms .. " ms")
  end
  say(#published .. " diagnostics published")

  -- The conflict, with the Spanish file as related information.
  local conflict = nil
  for _, d in ipairs(published) do
    if d.code == "conflict" and d.relatedInformation then
      for _, info in ipairs(d.relatedInformation) do
        if info.location.uri:match("001_40c67a450acdc9de%.txt$") then
          conflict = d
        end
      end
    end
  end
  assert(conflict, "no conflict diagnostic with relatedInformation naming 001_40c67a450acdc9de.txt")
  assert(conflict.source == "concord", "conflict: source is " .. tostring(conflict.source))
  assert(conflict.severity == 1, "conflict: severity is " .. tostring(conflict.severity))
  assert(conflict.range.start.line == 0 and conflict.range.start.character == 49,
    "conflict: starts at " .. vim.inspect(conflict.range.start) .. ", expected 0:49")

  -- Neovim converted the UTF-16 ranges to byte columns of the buffer: the
  -- "name" diagnostics must cover exactly «آلمانى».
  local names = 0
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == "name" and d.lnum == 0 then
      local line = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, true)[1]
      local text = line:sub(d.col + 1, d.end_col)
      assert(text == "آلمانى", "name diagnostic covers «" .. text .. "», expected «آلمانى»")
      names = names + 1
    end
  end
  assert(names > 0, "no name diagnostic on «آلمانى» in the first line")
  local conflict_diag = nil
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == "conflict" and d.lnum == 0 then conflict_diag = d end
  end
  assert(conflict_diag, "vim.diagnostic has no conflict on line 1")
  local line0 = vim.api.nvim_buf_get_lines(bufnr, 0, 1, true)[1]
  local date = line0:sub(conflict_diag.col + 1, conflict_diag.end_col)
  assert(date == "۲۵ دسامبر ۱۹۹۱", "conflict covers «" .. date .. "», expected «۲۵ دسامبر ۱۹۹۱»")

  -- The quick fix for the first «آلمانى».
  local name = nil
  for _, d in ipairs(published) do
    if d.code == "name" and d.data and d.data.suggestion == "آلماتى" then
      name = name or d
    end
  end
  assert(name, "no name diagnostic with the suggestion «آلماتى»")
  local responses = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = name.range,
    context = { diagnostics = { name } },
  }, timeout_ms)
  local fixed = false
  for _, response in pairs(responses or {}) do
    for _, action in ipairs(response.result or {}) do
      for _, edits in pairs((action.edit or {}).changes or {}) do
        for _, edit in ipairs(edits) do
          if edit.newText == "آلماتى" and vim.deep_equal(edit.range, name.range) then
            fixed = action.kind == "quickfix"
          end
        end
      end
    end
  end
  assert(fixed, "codeAction did not return the quickfix «آلماتى»: " .. vim.inspect(responses))

  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return exit_code ~= nil end, 50)
  say("ok: conflict with related 001_40c67a450acdc9de.txt, " .. names ..
    " name diagnostics on «آلمانى» in line 1, quickfix «آلماتى»")
end

local ok, err = pcall(run)
if ok then
  vim.cmd("qall!")
else
  say("FAIL: " .. tostring(err))
  vim.cmd("cquit 1")
end
