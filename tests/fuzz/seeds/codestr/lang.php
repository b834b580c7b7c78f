<?php
// c
# c ?> x
return array(
  "a" => "x\ty \u{e9} \101 \x41 $v {$w['k']}",
  'b' => ['c' => <<<EOT
  heredoc text here
  EOT, 'd' => <<<'N'
  nowdoc
  N],
);
$lang['k'] = 'Đổi trả trong 7 ngày';
