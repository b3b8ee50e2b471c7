(set-info :processes 3)
(set-info :crashes 1)
(set-info :rounds 2)
(assert (= (decision p0) ÿ1))
