<?php

return [
    'cancel' => 'You can cancel within 2 hours.',
];
