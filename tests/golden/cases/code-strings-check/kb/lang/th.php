<?php
$lang['warranty'] = 'รับประกันสินค้า 6 เดือน';
