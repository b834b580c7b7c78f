@extends('layouts.app')
@section('content')
<h2>{{ __('Can I cancel my order?') }}</h2>
@if ($vip)
<p>VIP orders can be cancelled within 48 hours.</p>
@else
<p>Orders can be cancelled within 24 hours.</p>
@endif
@endsection
