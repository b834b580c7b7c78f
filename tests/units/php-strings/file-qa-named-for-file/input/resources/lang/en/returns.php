<?php
return ['title' => 'Returns', 'body' => 'Returns are accepted within 30 days.'];
