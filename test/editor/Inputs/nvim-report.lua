-- Run by neovim-0.7.test after the recipe: waits for the example's four
-- diagnostics, prints each as "<line>:<column> <code>", and quits.
vim.wait(60000, function() return #vim.diagnostic.get(0) >= 4 end, 100)
for _, d in ipairs(vim.diagnostic.get(0)) do
  io.stdout:write(string.format('%d:%d %s\n', d.lnum + 1, d.col + 1, d.code or '?'))
end
vim.cmd('qa!')
